import { mount } from 'svelte';
import App from './App.svelte';
import { initLang } from './lib/i18n.ts';
import './app.css';

initLang();
mount(App, { target: document.getElementById('app')! });
