// The map: countries, the agreement's layers, and incidents coloured by status.
// Report text is untrusted: it reaches the page through textContent only.
"use strict";
(function () {
  const el = document.getElementById("map");
  const colours = JSON.parse(el.dataset.colours);
  const status = document.getElementById("map-status");
  const map = L.map(el, { minZoom: 2, maxZoom: 16 }).setView([50.0, 35.0], 5);
  // Panes, bottom up: the countries (opaque land), the agreement's lines and zones, then the
  // incidents (the overlay pane, 400), so the line shows over the land and a marker inside a
  // zone stays clickable.
  map.createPane("countries").style.zIndex = 250;
  map.createPane("agreement").style.zIndex = 350;
  const cluster = L.markerClusterGroup({ chunkedLoading: true, disableClusteringAtZoom: 12 });
  map.addLayer(cluster);

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then((r) => {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  getJSON("/api/map/countries").then((gj) => {
    L.geoJSON(gj, {
      pane: "countries",
      style: { color: "#777", weight: 1, fillColor: "#eef0ea", fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
    el.dataset.countries = String(gj.features.length);
  }).catch((e) => { status.textContent = String(e); });

  const layerStyle = {
    contact_line: { color: "#b00", weight: 3 },
    zone: { color: "#d60", weight: 1, fillOpacity: 0.08, dashArray: "4" },
    withdrawal_line: { color: "#840", weight: 1, dashArray: "2 6" },
    site: { color: "#06c" },
  };
  getJSON("/api/map/agreement").then((gj) => {
    L.geoJSON(gj, {
      pane: "agreement",
      style: (f) => layerStyle[f.properties.kind] || {},
      pointToLayer: (f, ll) => L.circleMarker(ll, { radius: 5, color: "#06c", pane: "agreement" }),
      onEachFeature: (f, layer) => layer.bindTooltip(document.createTextNode(String(f.properties.name || f.properties.kind))),
    }).addTo(map);
  }).catch((e) => { status.textContent = String(e); });

  function popup(p) {
    const div = document.createElement("div");
    const a = document.createElement("a");
    a.href = "/incidents/" + encodeURIComponent(p.id);
    a.className = "incident-link";
    a.textContent = p.sub_event_type || "Incident";
    div.appendChild(a);
    const lines = [p.event_date || "", [p.location, p.admin1].filter(Boolean).join(", "),
      "status: " + p.status, p.fatalities != null ? "fatalities: " + p.fatalities : ""];
    for (const t of lines) {
      if (!t) continue;
      const line = document.createElement("div");
      line.textContent = t;
      div.appendChild(line);
    }
    return div;
  }

  let pending = null;
  function load() {
    const b = map.getBounds();
    const bbox = [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -90),
      Math.min(b.getEast(), 180), Math.min(b.getNorth(), 90)].map((v) => v.toFixed(4)).join(",");
    if (pending) pending.abort();
    pending = new AbortController();
    fetch("/api/map/incidents?limit=5000&bbox=" + bbox, { credentials: "same-origin", signal: pending.signal })
      .then((r) => r.json())
      .then((gj) => {
        cluster.clearLayers();
        const markers = gj.features.map((f) => {
          const [lon, lat] = f.geometry.coordinates;
          if (f.properties.cluster) {
            // The server counted a dense view on a grid: a count, and a click zooms in.
            const label = document.createElement("div");
            label.textContent = String(f.properties.count);
            const m = L.marker([lat, lon], {
              icon: L.divIcon({ html: label, className: "marker-cluster marker-cluster-large server-cluster", iconSize: [40, 40] }),
            });
            m.on("click", () => map.setView([lat, lon], map.getZoom() + 2));
            return m;
          }
          const m = L.circleMarker([lat, lon], {
            radius: 7, weight: 1, color: "#222", fillOpacity: 0.9, className: "incident-marker",
            fillColor: colours[f.properties.status] || "#888",
          });
          m.bindPopup(() => popup(f.properties));
          return m;
        });
        cluster.addLayers(markers);
        status.textContent = gj.clustered
          ? gj.matched + " incidents in view, counted by area; zoom in to see them"
          : gj.features.length + " incidents in view" + (gj.truncated ? " (newest shown; zoom in for all)" : "");
        el.dataset.loaded = String(gj.features.length);
      })
      .catch((e) => { if (e.name !== "AbortError") status.textContent = String(e); });
  }
  map.on("moveend", load);
  load();
})();
