using Neon.Api.SpecUpdate;
using Neon.Api.SpecUpdate.Fetching;
using Neon.Api.SpecUpdate.Reporting;
using Neon.Api.SpecUpdate.Vendoring;

// Maintainer tool behind `dotnet cake --target=UpdateSpec` (build.cake runs it; see README, "For maintainers"):
//   fetch  --repo R --work W (--version X | --file PATH [--version X]) --command "..."   vendor a spec
//   report --repo R --work W [--tests DIR] [--build-log FILE] [--no-api REASON] [--changelog]   what changed
try
{
    var options = Options.Parse(args.Skip(1));
    switch (args.FirstOrDefault())
    {
        case "fetch":
            var request = new VendorRequest(
                options.Required("repo"),
                options.Required("work"),
                options.Optional("version"),
                options.Optional("file"),
                options.Required("command"),
                DateOnly.FromDateTime(DateTime.UtcNow));
            if (request.Version is null && request.SpecFile is null)
            {
                throw new UpdateException("Name the spec: --spec-version=X (a published @neondatabase/api-client) or --spec-file=PATH.");
            }

            new SpecVendor(new NpmRegistry()).Vendor(request, Console.Out);
            return 0;
        case "report":
            ReportCommand.Run(options, Console.Out);
            return 0;
        default:
            Console.Error.WriteLine("usage: Neon.Api.SpecUpdate fetch|report [--option value]...");
            return 2;
    }
}
catch (UpdateException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}
