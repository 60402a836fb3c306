import type { ColumnType } from 'kysely';

/** Table types of accounts, roles, sessions and sign-in security, merged into `Database` (schema.ts). */

export interface UserAccountTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
  /** For reminders by e-mail (0031); null when the person has none. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who opened the account, and from which address and browser (0040). */
  created_by: string | null;
  created_ip: string | null;
  created_user_agent: string | null;
  created_device: string | null;
  first_login_at: string | null;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  agency_id: string | null;
  region_code: string | null;
  review_level: string | null;
  created_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  active_grant_id: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
  /** When the holder last entered their password or a code (0044). */
  authenticated_at: string | null;
  /** The second factor they signed in with: 'totp', 'recovery', 'certificate', or null. */
  second_factor: string | null;
}

/** The browsers (a random id in a long-lived cookie) and addresses an account signed in from. */
export interface SignInDeviceTable {
  device_id: string;
  user_id: string;
  ip: string;
  user_agent: string;
  first_at: string;
  last_at: string;
}

/** An alert for the audit administrator about an indirect way to personal data (三员分立). */
export interface SecurityAlertTable {
  id: string;
  seq: number;
  at: string;
  kind: string;
  message: string;
  subject_user_id: string | null;
  actor_user_id: string | null;
  agency_id: string | null;
  details_json: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** A TOTP secret (sealed), confirmed once a first code was entered (0041). */
export interface SecondFactorTable {
  user_id: string;
  kind: string;
  secret_sealed: string;
  confirmed_at: string | null;
  last_step: number | null;
  created_at: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface AgencySecurityTable {
  agency_id: string;
  second_factor_required: number;
  updated_at: string;
  updated_by: string;
}

/** The security administrator's settings, by key (0042). */
export interface SecuritySettingTable {
  key: string;
  value_json: string;
  updated_at: string;
  updated_by: string;
}

export interface PasswordHistoryTable {
  id: string;
  user_id: string;
  position: number;
  password_hash: string;
  created_at: string;
}

/** A failure counter of one key (login pair, address, query-code pair), with its lock (0043). */
export interface RateCounterTable {
  key: string;
  account: string | null;
  count: number;
  first_at: string;
  last_at: string;
  locked_until: string | null;
}

export interface AccountsDatabase {
  user_account: UserAccountTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  sign_in_device: SignInDeviceTable;
  security_alert: SecurityAlertTable;
  second_factor: SecondFactorTable;
  recovery_code: RecoveryCodeTable;
  agency_security: AgencySecurityTable;
  security_setting: SecuritySettingTable;
  password_history: PasswordHistoryTable;
  rate_counter: RateCounterTable;
}
