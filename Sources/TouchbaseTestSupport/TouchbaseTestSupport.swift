// TouchbaseTestSupport
