using System;
using Neon.Api.Benchmarks.Harness;

// dotnet Neon.Api.Benchmarks.dll [options]                      benchmarks + cold start, see Harness/BenchHost.cs
// dotnet Neon.Api.Benchmarks.dll --cold-call <client> <root>    one cold-start child (started by the line above)
return args is ["--cold-call", var client, var root]
    ? await ColdCall.RunAsync(client, new Uri(root))
    : await BenchHost.RunAsync(args);
