from saxgraph.cli import main

raise SystemExit(main())
