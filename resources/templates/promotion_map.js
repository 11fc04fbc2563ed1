/* SWC EcoValue promotion map (swcvalue:promotionmap): draws the lots from the embedded data and shows a lot's
   panel when it is clicked. Every value is written with textContent (never as HTML). */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('swc-data').textContent);
  var lotsById = {};
  data.lots.forEach(function (lot) { lotsById[lot.id] = lot; });
  var panel = document.getElementById('panel');
  var layers = {};
  var selected = null;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  var map = L.map('map', { zoomControl: false, zoomSnap: 0.25, attributionControl: true });
  L.control.zoom({ zoomInTitle: '放大', zoomOutTitle: '缩小' }).addTo(map);
  map.attributionControl.setPrefix('Leaflet');
  L.control.scale({ imperial: false, metric: true, maxWidth: 160 }).addTo(map);

  function baseStyle(lot) {
    return { color: '#1b5e20', weight: 1.5, opacity: 1, fillColor: lot.colour, fillOpacity: 0.85 };
  }

  var group = L.geoJSON(data.lots_geojson, {
    style: function (feature) { return baseStyle(lotsById[feature.properties.LOT_ID]); },
    onEachFeature: function (feature, layer) {
      var lot = lotsById[feature.properties.LOT_ID];
      layers[lot.id] = layer;
      layer.bindTooltip(el('span', lot.id + ' · ' + lot.product + ' · ' + lot.status_zh), { sticky: true });
      layer.on('click', function () { select(lot.id, false); });
    }
  });
  var legend = L.control({ position: 'bottomright' });
  legend.onAdd = function () {
    var box = el('div', null, 'legend');
    box.appendChild(el('b', data.legend_title));
    data.legend.forEach(function (row) {
      var line = el('div');
      var sw = el('span', null, 'swatch');
      sw.style.background = row.colour;
      line.appendChild(sw);
      line.appendChild(document.createTextNode(row.label));
      box.appendChild(line);
    });
    return box;
  };
  legend.addTo(map);

  // A map draws its layers only once it has a view: set the view (keeping the lots clear of the legend), then
  // add the context and the lots.
  var bounds = group.getBounds();
  var legendWidth = legend.getContainer().offsetWidth;
  if (bounds.isValid()) {
    map.fitBounds(bounds, { paddingTopLeft: [24, 24], paddingBottomRight: [legendWidth + 24, 24] });
  } else {
    map.setView([30, 107], 8);
  }
  if (data.context_geojson) {
    L.geoJSON(data.context_geojson, {
      interactive: false,
      style: { color: '#a3a39a', weight: 1, fillColor: '#dcdcd2', fillOpacity: 0.7 }
    }).addTo(map);
  }

  group.addTo(map);
  group.eachLayer(function (layer) {
    var id = layer.feature.properties.LOT_ID;
    var path = layer.getElement();
    path.setAttribute('data-lot', id);
    path.classList.add('swc-lot');
  });

  function showList() {
    selected = null;
    panel.textContent = '';
    panel.removeAttribute('data-lot');
    panel.appendChild(el('h2', '交易地块'));
    panel.appendChild(el('p', data.summary));
    panel.appendChild(el('p', '点击地图上的地块或下面的列表查看地块详情。', 'hint'));
    var ul = el('ul', null, 'lots');
    data.lots.forEach(function (lot) {
      var li = el('li');
      var b = el('button', null, 'lot');
      b.type = 'button';
      b.setAttribute('data-lot-button', lot.id);
      var sw = el('span', null, 'swatch');
      sw.style.background = lot.colour;
      b.appendChild(sw);
      b.appendChild(document.createTextNode(lot.id + ' ' + lot.product + '（' + lot.status_zh + '）'));
      b.addEventListener('click', function () { select(lot.id, true); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }

  function select(id, zoom) {
    var lot = lotsById[id];
    if (!lot) { return; }
    if (selected && layers[selected]) { layers[selected].setStyle(baseStyle(lotsById[selected])); }
    selected = id;
    var layer = layers[id];
    layer.setStyle({ color: '#d35400', weight: 4 });
    layer.bringToFront();
    if (zoom) { map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 17 }); }
    panel.textContent = '';
    panel.setAttribute('data-lot', id);
    panel.appendChild(el('h2', lot.product || lot.id));
    var table = el('table');
    lot.panel.forEach(function (row) {
      var tr = el('tr');
      if (row.f) { tr.setAttribute('data-field', row.f); }
      if (row.f === 'section' || row.f === 'price') { tr.className = row.f; }
      tr.appendChild(el('th', row.k));
      tr.appendChild(el('td', row.v));
      table.appendChild(tr);
    });
    panel.appendChild(table);
    var back = el('button', '返回地块列表', 'back');
    back.type = 'button';
    back.addEventListener('click', function () {
      if (selected && layers[selected]) { layers[selected].setStyle(baseStyle(lotsById[selected])); }
      showList();
    });
    panel.appendChild(back);
  }

  showList();
  var m = /^#lot=(.+)/.exec(window.location.hash);
  if (m) { select(decodeURIComponent(m[1]), false); }
  document.body.setAttribute('data-ready', 'true');
}());
