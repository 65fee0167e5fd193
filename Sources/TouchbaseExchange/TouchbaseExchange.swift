// TouchbaseExchange
