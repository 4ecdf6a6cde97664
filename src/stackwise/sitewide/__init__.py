"""What every Django app of the site shares: request limits and the API's error schemas.

Both `web` and `booking` import from here, so neither has to import the other."""
