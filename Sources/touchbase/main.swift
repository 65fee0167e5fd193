import TouchbaseCLI

Touchbase.main()
