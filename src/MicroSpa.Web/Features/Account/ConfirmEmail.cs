using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Account;

public static class ConfirmEmail
{
    public sealed class Handler(UserManager<ApplicationUser> users, ILogger<Handler> logger)
    {
        public async Task<bool> HandleAsync(Guid userId, string? code)
        {
            if (string.IsNullOrWhiteSpace(code) || await users.FindByIdAsync(userId.ToString()) is not { } user)
            {
                return false;
            }

            string token;
            try
            {
                token = AccountEmails.Decode(code);
            }
            catch (FormatException)
            {
                return false;
            }

            var result = await users.ConfirmEmailAsync(user, token);
            if (result.Succeeded)
            {
                logger.LogInformation("Account {UserId} confirmed its email", user.Id);
            }

            return result.Succeeded;
        }
    }
}
