CREATE TABLE `organisation_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`starts_on` text NOT NULL,
	`room_minutes_per_month` integer,
	`desk_half_days_per_month` integer,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `organisation_plans_org_start` ON `organisation_plans` (`organisation_id`,`starts_on`,`id`);--> statement-breakpoint
-- Each organisation's quotas as they were become its first plan, from the organisation's start
-- (an empty name: the plan it had before plans had names).
INSERT INTO `organisation_plans` (`organisation_id`, `name`, `starts_on`, `room_minutes_per_month`,
  `desk_half_days_per_month`, `created_by_id`, `created_at`)
SELECT `id`, '', `starts_on`, `quota_room_minutes_per_month`, `quota_desk_half_days_per_month`, NULL, `created_at`
FROM `organisations`;
