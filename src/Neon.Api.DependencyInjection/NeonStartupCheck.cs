using System;
using System.Net.Http;
using Microsoft.Extensions.Options;

namespace Neon.Api.DependencyInjection;

/// <summary>
/// Checks made when the host starts (through <c>ValidateOnStart</c>), beyond the settings themselves: building a
/// client's handler chain once lets <see cref="ResilienceHandlerCheck"/> warn about stacked retries at start rather
/// than at the first call.
/// </summary>
internal sealed class NeonStartupCheck
{
    /// <summary>Runs the check for one client name.</summary>
    internal sealed class Validator(IHttpMessageHandlerFactory handlers) : IValidateOptions<NeonStartupCheck>
    {
        public ValidateOptionsResult Validate(string? name, NeonStartupCheck options)
        {
            try
            {
                _ = handlers.CreateHandler(NeonClientFactory.HttpClientName(name ?? string.Empty));
            }
            catch (OptionsValidationException)
            {
                // The settings themselves are invalid: their own validation reports it, with what to fix.
            }
            catch (InvalidOperationException)
            {
                // A handler the user added cannot be built yet; the first call will say why.
            }

            return ValidateOptionsResult.Success;
        }
    }
}
