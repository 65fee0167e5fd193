// TouchbaseStore
