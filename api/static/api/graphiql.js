// GraphiQL on this app's own files: sends each query to the endpoint that served the page, as
// any GraphQL-over-HTTP client would (POST, application/json), and reads the answer whatever its
// status (a 400 carries the validation errors GraphiQL shows). No cookie is needed: the
// endpoint is read-only and takes a consumer key, if any, from the Authorization header, which
// GraphiQL's "Headers" tab can set.
(function () {
  "use strict";

  var container = document.getElementById("graphiql");
  var endpoint = container.dataset.endpoint;

  function fetcher(graphQLParams, options) {
    var headers = {
      Accept: "application/graphql-response+json, application/json;q=0.9",
      "Content-Type": "application/json",
    };
    var extra = (options && options.headers) || {};
    Object.keys(extra).forEach(function (name) {
      headers[name] = extra[name];
    });
    return fetch(endpoint, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(graphQLParams),
      credentials: "omit",
      cache: "no-store",
    }).then(function (response) {
      return response.json();
    });
  }

  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultQuery: "{\n  locales {\n    code\n    name\n    direction\n  }\n}\n",
    }),
  );
})();
