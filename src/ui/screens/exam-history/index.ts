import { defineScreen } from '../definition.js';
import { examHistoryModel } from './model.js';
import { ExamHistoryView } from './view.js';

export const examHistoryScreen = defineScreen({
  id: 'exam-history',
  title: 'Exam history',
  description: 'Every mock exam attempt, the score trend and the per-topic trend',
  menu: false,
  model: examHistoryModel,
  View: ExamHistoryView,
});
