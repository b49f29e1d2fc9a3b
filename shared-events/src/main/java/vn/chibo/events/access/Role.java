package vn.chibo.events.access;

/**
 * What a user may do, always within the org unit of their account (DESIGN §6):
 * PROVINCE everything in the province; COMMITTEE reads its subtree and manages accounts in it; CELL writes and
 * reads its own cell; AUDITOR reads the audit of its scope. SYSTEM marks events written by seeders and
 * bootstrap, never a user.
 */
public enum Role {
    PROVINCE,
    COMMITTEE,
    CELL,
    AUDITOR,
    SYSTEM
}
