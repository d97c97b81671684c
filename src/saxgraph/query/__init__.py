"""SPARQL queries under the endpoint's rules: what a query's text is and may ask (text, federation), the
killable query processes that run it (runner, pool, sandbox), the answer's writers (results), and the
example queries (examples, with the .rq files in examples/)."""
