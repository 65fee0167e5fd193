// TouchbaseCLI
