"""A client that speaks Dash's callback protocol to the real app, over HTTP or a Flask test client:
find a callback by its output, call it with named values, get the status and the response."""

import gzip
import http.client
import json


class HTTPTransport:
    def __init__(self, url, timeout=30):
        host, port = url.replace("http://", "").split(":")
        self.host, self.port, self.timeout = host, int(port), timeout
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def __call__(self, method, path, body=None):
        headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
        try:
            self.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            raise
        if response.getheader("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        return response.status, data


class FlaskTransport:
    def __init__(self, client):
        self.client = client

    def __call__(self, method, path, body=None):
        response = self.client.open(path, method=method, json=body) if body is not None else \
            self.client.open(path, method=method)
        return response.status_code, response.get_data()


class DashClient:
    def __init__(self, transport):
        self.transport = transport
        status, data = transport("GET", "/_dash-dependencies")
        self.dependencies = json.loads(data)

    def find(self, output):
        """The server callback whose output list starts with `output` ('map-shapes.data', 'legend.data-markup')."""
        for dep in self.dependencies:
            if dep.get("clientside_function"):
                continue
            first = dep["output"].strip(".").split("...")[0]
            if first.split("@")[0] == output:
                return dep
        raise KeyError(output)

    @staticmethod
    def body(dep, values, changed=None):
        """values: {"id.property": value} for every input and state of the callback."""
        def items(kind):
            return [dict(item, value=values.get(f"{item['id']}.{item['property']}")) for item in dep.get(kind, [])]
        outputs = [{"id": o.split(".")[0], "property": o.split(".")[1].split("@")[0]}
                   for o in dep["output"].strip(".").split("...")]
        inputs = items("inputs")
        changed = changed or (f"{inputs[0]['id']}.{inputs[0]['property']}" if inputs else "")
        return {"output": dep["output"], "outputs": outputs if dep["output"].startswith("..") else outputs[0],
                "inputs": inputs, "state": items("state"), "changedPropIds": [changed]}

    def call(self, output, values, changed=None):
        """(status, response) of one callback call; response is {id: {property: value}} on 200."""
        dep = self.find(output)
        status, data = self.transport("POST", "/_dash-update-component", self.body(dep, values, changed))
        response = json.loads(data).get("response", {}) if status == 200 and data else {}
        return status, response


def body_rows(tree):
    """The <tr> of every <tbody> in a component tree as Dash sends it: a table's rows, for tests."""
    found = []

    def walk(node, in_body=False):
        if isinstance(node, list):
            for child in node:
                walk(child, in_body)
        elif isinstance(node, dict) and "type" in node:
            kind = node["type"]
            if in_body and kind == "Tr":
                found.append(node)
            walk(node.get("props", {}).get("children"), in_body or kind == "Tbody")
    walk(tree)
    return found
