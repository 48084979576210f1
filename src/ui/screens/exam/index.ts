import { defineScreen } from '../definition.js';
import { examStartModel } from './model.js';
import { ExamStartView } from './view.js';

export const examScreen = defineScreen({
  id: 'exam',
  title: 'Mock exam',
  description: 'Timed mock exams like the real one, scored, with a review',
  menu: true,
  model: examStartModel,
  View: ExamStartView,
});
