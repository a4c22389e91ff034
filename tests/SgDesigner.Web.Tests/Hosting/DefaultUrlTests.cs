using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using SgDesigner.Web.Hosting;

namespace SgDesigner.Web.Tests.Hosting;

public sealed class DefaultUrlTests
{
    [Fact]
    public void Without_configured_addresses_the_app_listens_on_localhost_5050()
    {
        var builder = WebApplication.CreateBuilder([]);

        builder.UseDefaultUrlWhenNoneConfigured();

        Assert.Equal("http://localhost:5050", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public void An_address_given_on_the_command_line_wins()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:6060"]);

        builder.UseDefaultUrlWhenNoneConfigured();

        Assert.Equal("http://127.0.0.1:6060", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }
}
