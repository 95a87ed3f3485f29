export { ChangeAnnouncer, type ChangeAnnouncerOptions, type ChangeAnnouncerStats } from './change-announcer.js';
