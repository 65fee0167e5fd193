// TouchbaseSync
