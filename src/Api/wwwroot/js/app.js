// RiverGis web map (河长制一张图), the entry: constructs the modules and connects them; nothing else happens here.
// Modules sit on layers — base, widgets, map, features (one module per view), shell, entry — and import only from
// their own layer or below (js/README.md lists them and how a view is added). A new view is one feature module with
// a `view` descriptor; registering it below is its only line here.
import { problemHtml } from './api.js';
import { session } from './session.js';
import { loadSession, signOut } from './auth.js';
import { loadConfig } from './config.js';
import { Catalog } from './catalog.js';
import { Toast } from './toast.js';
import { StatusLine } from './status.js';
import { Panel } from './panel.js';
import { PageHost } from './page.js';
import { Legend } from './legend.js';
import { onPopupAction } from './popups.js';
import { MapView } from './map-view.js';
import { Focus } from './focus.js';
import { LayerManager } from './layers.js';
import { LayerFilters, defineLayers } from './map-layers.js';
import { Graticule } from './graticule.js';
import { Datasets } from './datasets.js';
import { DatasetPins } from './dataset-pins.js';
import { ReportMode } from './report-mode.js';
import { Profile } from './profile.js';
import { Report, reportArg } from './report.js';
import { Demarcation } from './demarcation.js';
import { Ledger } from './ledger.js';
import { Dashboard } from './dashboard.js';
import { Patrols } from './patrols.js';
import { MyIssues } from './my-issues.js';
import { Users } from './users.js';
import { Login } from './login.js';
import { Section } from './section.js';
import { Router } from './router.js';
import { Shell } from './shell.js';
import { UserMenu } from './user-menu.js';
import { exposeHooks } from './hooks.js';

const byId = id => document.getElementById(id);

async function start(parts) {
  const toast = new Toast(byId('toast'));
  const config = await loadConfig(toast);
  const catalog = new Catalog(toast);
  // Who is signed in (the session cookie survives a reload), before the shell decides which views the URL may show.
  await loadSession();

  // The map page: the map, its layers and what surrounds them.
  const mapView = new MapView(byId('map'), config);
  const { map } = mapView;
  const layers = new LayerManager(map, toast);
  const filters = new LayerFilters(layers, config);
  const router = new Router();
  const shell = new Shell({ router, session, panel: new Panel(byId('panel')), page: new PageHost(byId('page')), toolbar: byId('tools') });
  const reportMode = new ReportMode(map, { hint: byId('mode-hint'), report: latlng => shell.open('report', reportArg(latlng)) });
  const openProfile = (river, options) => shell.open('profile', river, options);
  defineLayers(layers, { filters, takeClick: latlng => reportMode.takeClick(latlng), openProfile });
  const focus = new Focus(mapView, layers.layers.flash);
  const datasets = new Datasets({ list: config.datasets || [], mapView, layers, catalog, toast, showMap: () => shell.showMap() });
  Object.assign(parts, { mapView, layers, shell, datasets });
  new StatusLine(byId('status'), layers);
  new Graticule(map, layers.layers.graticule);
  new UserMenu(byId('user-menu'), session, {
    signIn: () => shell.open('login'),
    signOut: () => signOut().then(() => shell.close(), e => toast.show(problemHtml(e))),
  });
  layers.onChange(layer => { if (layer.id === 'areas') catalog.learnAreas(layer.features); });

  await catalog.load();

  // The views and the tools of the top bar (in this order).
  shell.addTool(reportMode.tool);
  shell.register(new Profile({ layers, focus, filters }));
  shell.register(new Report({ map, catalog, nav: shell }));
  shell.register(new Demarcation({ layers, focus }));
  shell.register(new Ledger({ mapView, catalog }));
  shell.register(parts.dashboard = new Dashboard({ nav: shell }));
  shell.register(new Patrols({ layers, focus, catalog }));
  shell.register(new MyIssues({ mapView, catalog }));
  shell.register(new Users());
  shell.register(new Login({ nav: shell, session }));
  shell.register(new Section({ focus }));

  new Legend(byId('legend'), { layers, filters }).foldBeside(shell.panel);
  datasets.buildChooser(document.querySelector('.datasets'));
  new DatasetPins({ map, layers, datasets });
  onPopupAction(map.getContainer(), {
    profile: ({ river }) => openProfile(river, { fit: true }),
    section: ({ section }) => shell.open('section', section),
    'report-here': ({ lat, lon }) => shell.open('report', reportArg({ lat: Number(lat), lng: Number(lon) })),
  });
  document.addEventListener('keydown', e => {
    if (e.key !== 'Escape') return;
    if (reportMode.active) reportMode.set(false);
    else if (shell.panel.current) shell.close();
  });
  shell.onRoute(() => { if (!shell.mapShown) reportMode.set(false); });

  // The map's position lives in the URL (?at=) while the map is shown.
  if (!mapView.restore(router.route.params.get('at'))) datasets.fitAll(false);
  const keepPosition = () => { if (shell.mapShown) router.setParam('at', mapView.position()); };
  map.on('movestart zoomstart', () => layers.moving());
  map.on('moveend', () => {
    layers.schedule();
    keepPosition();
  });
  shell.onRoute(keepPosition);
  shell.start();
  keepPosition();
  await layers.refreshAll();
  await layers.idle();
}

const parts = {};
const ready = start(parts);
exposeHooks(parts, ready);

ready.then(
  () => { document.body.dataset.ready = 'true'; },
  e => {
    document.body.dataset.ready = 'error';
    console.error('RiverGis failed to start', e);
    new Toast(byId('toast')).show(`<div>地图启动失败 <span class="en">start failed</span></div>${problemHtml(e)}`, 60000);
  },
);
