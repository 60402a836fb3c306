import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/** A very small router over the History API: the workspace has a handful of flat pages. */
const BASE = '/workspace';

interface RouterState {
  path: string;
  navigate(path: string): void;
}

const RouterContext = createContext<RouterState>({ path: '/', navigate: () => {} });

function currentPath(): string {
  const path = window.location.pathname.startsWith(BASE)
    ? window.location.pathname.slice(BASE.length)
    : window.location.pathname;
  return path === '' ? '/' : path;
}

/** Forms with unsaved changes (useUnsavedWarning): leaving asks first. */
const unsaved = new Set<symbol>();
const LEAVE_QUESTION = '有尚未保存的修改，离开后将丢失。确定离开吗？';

/**
 * While `dirty`, closing or reloading the tab asks the browser's own “leave site?” question, and
 * leaving through the workspace's links asks first.
 */
export function useUnsavedWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const key = Symbol('unsaved');
    unsaved.add(key);
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => {
      unsaved.delete(key);
      window.removeEventListener('beforeunload', warn);
    };
  }, [dirty]);
}

export function Router({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const onPop = () => setPath(currentPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string) => {
    if (unsaved.size > 0 && !window.confirm(LEAVE_QUESTION)) return;
    unsaved.clear();
    window.history.pushState(null, '', `${BASE}${to}`);
    setPath(to);
    window.scrollTo(0, 0);
  };
  return <RouterContext.Provider value={{ path, navigate }}>{children}</RouterContext.Provider>;
}

export const useRouter = (): RouterState => useContext(RouterContext);

export function Link({
  to,
  children,
  className,
}: {
  to: string;
  children: ReactNode;
  className?: string;
}) {
  const { navigate } = useRouter();
  return (
    <a
      href={`${BASE}${to}`}
      className={className}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
