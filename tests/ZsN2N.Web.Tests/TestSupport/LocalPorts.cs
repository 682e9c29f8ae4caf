using System.Net;
using System.Net.Sockets;

namespace ZsN2N.Web.Tests.TestSupport;

/// <summary>Ports on 127.0.0.1 for servers a test starts.</summary>
internal static class LocalPorts
{
    /// <summary>A port nothing listens on now (the system's pick; free until somebody else takes it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
