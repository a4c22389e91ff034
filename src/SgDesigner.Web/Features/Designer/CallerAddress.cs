using System.Net;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The address the circuit's user connects from, as a single-address block, for the "My IP" source shortcut. Read
/// once, from the HTTP context the circuit runs in, after the forwarded headers the app trusts (see
/// <see cref="Hosting.ProxyAndHttps"/>): behind a known proxy it is the client's address, never the proxy's.
/// </summary>
public sealed class CallerAddress(IHttpContextAccessor http)
{
    private Cidr? _block;
    private bool _read;

    /// <summary>The caller's address as /32 or /128, or null when it is not known.</summary>
    public Cidr? Block
    {
        get
        {
            if (!_read)
            {
                _read = true;
                _block = Of(http.HttpContext?.Connection.RemoteIpAddress);
            }
            return _block;
        }
    }

    /// <summary>The single-address block of <paramref name="address"/> (an IPv4 address mapped into IPv6 as IPv4), or null.</summary>
    public static Cidr? Of(IPAddress? address) => address is null
        ? null
        : Cidr.Host(IpAddress.FromIPAddress(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
}
