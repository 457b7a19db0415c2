"""The first paint: the page a browser gets before any script has run, in the visitor's language, with
the page's first view already in it as plain HTML.

- ``initial_layout``: which page an address is (the 404 page included), the layout Dash Pages would draw;
- ``prerender``: a component tree as inert HTML (the same tree Dash renders, so the two agree);
- ``index_page``: the index HTML Dash serves, localised, with that copy put in.

In the browser, ``assets/wijk.js`` (``reveal``) removes the copy once the live page has rendered.

What this relies on in Dash, pinned in requirements.txt (dash==4.4.1): a component's ``_namespace``,
``_type`` and ``to_plotly_json()``; Dash Pages' registry (``dash.page_registry``: ``path``, ``module``,
``layout``) and its component ids (``_pages_location``, ``_pages_content``, ``_pages_store``,
``_pages_dummy``); ``interpolate_index`` with its ``app_entry`` and ``scripts`` parts and Dash's
"Loading..." text. A component the copy cannot draw raises (tests/test_app.py) rather than render as
nothing; the browser tests see a page's first view before and after its scripts run."""
