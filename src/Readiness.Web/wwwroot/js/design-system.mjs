// Starts the GOV.UK Design System and MOJ Frontend components (error summary focus, service navigation menu on
// phones, sortable tables, notification banners). Every page works without it: components only enhance.
// The classes tell the stylesheets that JavaScript runs (the Design System sets them with an inline script, which
// the Content-Security-Policy would refuse; a module script runs once the page is parsed, so this is the place).
import * as GOVUKFrontend from '../lib/govuk-frontend/govuk-frontend.min.js';
import * as MOJFrontend from '../lib/moj/moj-frontend.min.js';
import { initChoiceSuggestions } from './choice-suggestions.mjs';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
GOVUKFrontend.initAll();
MOJFrontend.initAll();
// MOJ's filter toggle (a "Show filter" button on phones) is not part of its initAll.
GOVUKFrontend.createAll(MOJFrontend.FilterToggleButton);
// Long choice lists (programmes) fetch their suggestions as the person types.
initChoiceSuggestions();
