// English messages of cancelling with care: the confirmation step, the reason one may give,
// and the Undo offered for a few seconds after.
export const enCancel = {
  'cancel.title': 'Cancel this booking?',
  'cancel.title.rest': 'Cancel this date and the following ones?',
  'cancel.intro': 'This booking will be cancelled and the space given back to other members:',
  'cancel.intro.rest': 'This date and the following ones of the series will be cancelled and the space given back:',
  'cancel.reason': 'Reason (optional)',
  'cancel.reason.hint': 'A few words for the 21 team, {max} characters at most.',
  'cancel.reason.tooLong': 'The reason has {length} characters: shorten it to {max} characters at most.',
  'cancel.confirm': 'Yes, cancel the booking',
  'cancel.confirm.rest': 'Yes, cancel these dates',
  'cancel.keep': 'No, keep my booking',
  'cancel.undo': 'Restore the booking',
  'cancel.undo.hint': 'You can restore it for {seconds} seconds.',
  'cancel.undo.over': 'The time to restore the booking is over.',
  'cancel.undo.done': 'Booking restored.',
  'cancel.undo.late':
    'Too late to restore the booking: that is possible only within {seconds} seconds of cancelling. Book again if the time is free.',
  'cancel.undo.taken': 'The booking could not be restored: its time ({when}) was taken meanwhile. Choose another time.',
  'cancel.undo.rebook': 'Book again',
  'audit.action.booking.restore': 'Cancellation undone (booking restored)',
} as const;
