import { defineScreen } from '../definition.js';
import { progressModel } from './model.js';
import { ProgressView } from './view.js';

export const progressScreen = defineScreen({
  id: 'progress',
  title: 'Progress',
  description: 'Reviews, forecast, retention, streak, mastery, exam outlook',
  menu: true,
  model: progressModel,
  View: ProgressView,
});
