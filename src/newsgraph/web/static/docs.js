// Self-hosted, dependency-free API explorer: reads /api/openapi.json, lists every operation
// with its parameters and lets you send a request. Built with DOM nodes and textContent only.
(function () {
  "use strict";
  var root = document.getElementById("api-docs");
  if (!root) return;
  var specUrl = root.getAttribute("data-spec");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function resolve(spec, schema) {
    if (schema && schema.$ref) {
      var parts = schema.$ref.replace(/^#\//, "").split("/");
      var cur = spec;
      parts.forEach(function (p) { cur = cur && cur[p]; });
      return cur || {};
    }
    return schema || {};
  }

  function schemaType(spec, schema) {
    schema = resolve(spec, schema);
    if (schema.anyOf) return schema.anyOf.map(function (s) { return schemaType(spec, s); }).join(" | ");
    var t = schema.type || (schema.$ref ? "object" : "any");
    if (t === "array") t = schemaType(spec, schema.items) + "[]";
    var bits = [];
    if (schema.minimum !== undefined) bits.push("≥ " + schema.minimum);
    if (schema.maximum !== undefined) bits.push("≤ " + schema.maximum);
    if (schema.default !== undefined && schema.default !== null) bits.push("default " + schema.default);
    return t + (bits.length ? " (" + bits.join(", ") + ")" : "");
  }

  function operation(spec, path, method, op, idx) {
    var id = "op" + idx;
    var form = el("form", {"data-path": path, "data-method": method});
    (op.parameters || []).forEach(function (p, j) {
      var inputId = id + "-p" + j;
      var label = el("label", {"for": inputId, text: p.name + (p.required ? " *" : "") + " "}, [
        el("span", {"class": "param-desc", text: p.in + ", " + schemaType(spec, p.schema) + (p.description ? " — " + p.description : "")})
      ]);
      var input = el("input", {type: "text", id: inputId, name: p.name, "data-in": p.in});
      if (p.required) input.required = true;
      form.appendChild(label); form.appendChild(input);
    });
    var body = op.requestBody && op.requestBody.content;
    if (body) {
      var types = Object.keys(body);
      var sel = el("select", {id: id + "-ctype", name: "__ctype"});
      types.forEach(function (t) { sel.appendChild(el("option", {value: t, text: t})); });
      form.appendChild(el("label", {"for": id + "-ctype", text: "Content-Type"}));
      form.appendChild(sel);
      form.appendChild(el("label", {"for": id + "-body", text: "Request body"}));
      form.appendChild(el("textarea", {id: id + "-body", name: "__body", rows: "6"}));
      if (op.security) {
        form.appendChild(el("label", {"for": id + "-token", text: "Bearer token"}));
        form.appendChild(el("input", {type: "text", id: id + "-token", name: "__token", autocomplete: "off"}));
      }
    }
    var out = el("pre", {"class": "json", "aria-live": "polite", hidden: ""});
    form.appendChild(el("div", {}, [el("button", {type: "submit", text: "Send request"})]));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var url = path, query = [], headers = {}, init = {method: method.toUpperCase(), headers: headers};
      form.querySelectorAll("input[data-in]").forEach(function (inp) {
        if (!inp.value) return;
        var name = inp.getAttribute("name");
        if (inp.getAttribute("data-in") === "path") url = url.replace("{" + name + "}", encodeURIComponent(inp.value));
        else query.push(encodeURIComponent(name) + "=" + encodeURIComponent(inp.value));
      });
      if (query.length) url += "?" + query.join("&");
      var ctype = form.querySelector("[name=__ctype]");
      if (ctype) { headers["Content-Type"] = ctype.value; init.body = form.querySelector("[name=__body]").value; }
      var tok = form.querySelector("[name=__token]");
      if (tok && tok.value) headers["Authorization"] = "Bearer " + tok.value;
      out.hidden = false;
      out.textContent = init.method + " " + url + " …";
      fetch(url, init).then(function (r) {
        return r.text().then(function (txt) {
          var shown = txt;
          try { shown = JSON.stringify(JSON.parse(txt), null, 2); } catch (e) { /* not JSON */ }
          out.textContent = init.method + " " + url + "\n" + r.status + " " + r.statusText + "\n\n" + shown;
        });
      }).catch(function (e) { out.textContent = "request failed: " + e; });
    });
    var summary = el("summary", {}, [
      el("span", {"class": "method " + method, text: method.toUpperCase()}),
      document.createTextNode(" " + path + (op.summary ? " — " + op.summary : ""))
    ]);
    return el("details", {"class": "op card", id: id}, [
      summary,
      op.description ? el("p", {text: op.description}) : null,
      form, out
    ]);
  }

  fetch(specUrl).then(function (r) { return r.json(); }).then(function (spec) {
    root.textContent = "";
    root.appendChild(el("p", {"class": "muted", text: (spec.info.title || "API") + " " + (spec.info.version || "") +
      " — OpenAPI " + spec.openapi + ". Raw spec: "}, [el("a", {href: specUrl, text: specUrl})]));
    if (spec.info.description) root.appendChild(el("p", {text: spec.info.description}));
    var idx = 0;
    Object.keys(spec.paths).forEach(function (path) {
      Object.keys(spec.paths[path]).forEach(function (method) {
        root.appendChild(operation(spec, path, method, spec.paths[path][method], idx++));
      });
    });
  }).catch(function (e) { root.textContent = "Could not load " + specUrl + ": " + e; });
})();
