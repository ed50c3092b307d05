/*
|--------------------------------------------------------------------------
| Sector plugins
|--------------------------------------------------------------------------
|
| The only place plugins are wired: the loader reads each listed id's
| manifest from plugins/<id>/plugin.ts. Remove an id to switch a plugin
| off for the whole installation; enable it per tenant in the operator
| portal.
|
*/
const pluginsConfig = {
  enabled: ['education', 'welfare', 'health', 'loyalty'],
}

export default pluginsConfig
