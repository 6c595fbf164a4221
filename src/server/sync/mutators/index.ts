import type { MutationArgs, MutationName } from '../../../shared/sync/mutations';
import { bookAppointmentMutation, rescheduleAppointmentMutation, setAppointmentStatusMutation } from './appointments';
import { answeredCallMutation, createCallMutation, setCallStatusMutation, updateCallMutation } from './calls';
import { setCallOwnerMutation } from './call-owner';
import { reviewCallMutation } from './call-review';
import { createContactMutation, updateAccountMutation, updateContactMutation } from './directory';
import { setPresenceMutation } from './presence';
import { sendSmsMutation } from '../../sms/send';
import { addTagMutation, removeTagMutation } from './tags';
import type { Mutator } from './types';
import {
  addNoteMutation,
  createTaskMutation,
  deleteReminderMutation,
  setReminderMutation,
  setTaskStatusMutation,
  updateReminderMutation,
  updateTaskMutation,
} from './work';

/** One server-side mutator per mutation name; the type makes a missing one a compile error. */
export const mutators: { [N in MutationName]: Mutator<MutationArgs<N>> } = {
  'call.create': createCallMutation,
  'call.update': updateCallMutation,
  'call.setStatus': setCallStatusMutation,
  'call.answered': answeredCallMutation,
  'call.review': reviewCallMutation,
  'call.setOwner': setCallOwnerMutation,
  'note.add': addNoteMutation,
  'task.create': createTaskMutation,
  'task.update': updateTaskMutation,
  'task.setStatus': setTaskStatusMutation,
  'reminder.set': setReminderMutation,
  'reminder.update': updateReminderMutation,
  'reminder.delete': deleteReminderMutation,
  'contact.create': createContactMutation,
  'contact.update': updateContactMutation,
  'account.update': updateAccountMutation,
  'appointment.book': bookAppointmentMutation,
  'appointment.setStatus': setAppointmentStatusMutation,
  'appointment.reschedule': rescheduleAppointmentMutation,
  'presence.set': setPresenceMutation,
  'sms.send': sendSmsMutation,
  'tag.add': addTagMutation,
  'tag.remove': removeTagMutation,
};
