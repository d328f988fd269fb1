ALTER TABLE `resources` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `resources` ADD `name_gender` text DEFAULT 'f' NOT NULL;--> statement-breakpoint
ALTER TABLE `resources` ADD `photo` text;--> statement-breakpoint
ALTER TABLE `resources` ADD `plan_x` integer;--> statement-breakpoint
ALTER TABLE `resources` ADD `plan_y` integer;--> statement-breakpoint
ALTER TABLE `resources` ADD `plan_width` integer;--> statement-breakpoint
ALTER TABLE `resources` ADD `plan_height` integer;--> statement-breakpoint
ALTER TABLE `zones` ADD `plan_x` integer;--> statement-breakpoint
ALTER TABLE `zones` ADD `plan_y` integer;--> statement-breakpoint
ALTER TABLE `zones` ADD `plan_width` integer;--> statement-breakpoint
ALTER TABLE `zones` ADD `plan_height` integer;