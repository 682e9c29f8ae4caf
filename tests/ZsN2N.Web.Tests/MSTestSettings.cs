// Each test hosts the app with its own worker; one at a time keeps the timing tests (abandonment, expiry) honest on a
// small machine.
[assembly: DoNotParallelize]
