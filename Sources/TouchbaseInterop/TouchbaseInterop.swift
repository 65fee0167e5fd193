// TouchbaseInterop
