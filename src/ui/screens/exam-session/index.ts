import { defineScreen } from '../definition.js';
import { examSessionModel } from './model.js';
import { ExamSessionView } from './view.js';

export const examSessionScreen = defineScreen({
  id: 'exam-session',
  title: 'Mock exam',
  description: 'A timed mock exam, its report and the review of every question',
  menu: false,
  model: examSessionModel,
  View: ExamSessionView,
});
