using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Neon.Api.Reliability.Tests")]
