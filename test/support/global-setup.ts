/** Runs once before the whole suite. Store and browser preparation are added with the store. */
export default async function setup(): Promise<void> {}
