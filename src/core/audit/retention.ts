/** 网络安全法第二十一条: network logs kept for no less than six months (184 days at most). */
export const AUDIT_RETENTION_DAYS = 184;
