package vn.chibo.events.organisation;

/** Đảng viên chính thức (FULL) hoặc dự bị (PROBATIONARY). */
public enum MemberStatus {
    FULL,
    PROBATIONARY
}
