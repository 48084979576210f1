import { defineScreen } from '../definition.js';
import { practiceModel } from './model.js';
import { PracticeView } from './view.js';

export const practiceScreen = defineScreen({
  id: 'practice',
  title: 'Practice',
  description: 'Questions generated from the notes',
  menu: true,
  model: practiceModel,
  View: PracticeView,
});
