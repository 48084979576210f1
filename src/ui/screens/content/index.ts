import { defineScreen } from '../definition.js';
import { contentModel } from './model.js';
import { ContentView } from './view.js';

export const contentScreen = defineScreen({
  id: 'content',
  title: 'Content',
  description: 'What each note yields, and its problems',
  menu: true,
  model: contentModel,
  View: ContentView,
});
