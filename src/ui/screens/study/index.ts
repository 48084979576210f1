import { defineScreen } from '../definition.js';
import { studyModel } from './model.js';
import { StudyView } from './view.js';

export const studyScreen = defineScreen({
  id: 'study',
  title: 'Study',
  description: 'Read the notes: a topic tree beside a reading pane',
  menu: true,
  model: studyModel,
  View: StudyView,
});
