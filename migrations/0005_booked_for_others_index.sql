DROP INDEX `bookings_booked_by_start`;--> statement-breakpoint
CREATE INDEX `bookings_booked_for_others` ON `bookings` (`booked_by_id`,`starts_at`) WHERE member_id IS NOT booked_by_id;