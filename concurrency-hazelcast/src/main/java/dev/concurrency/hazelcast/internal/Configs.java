package dev.concurrency.hazelcast.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.time.Duration;
import java.util.List;

/**
 * The configuration of an embedded cluster's members and of the client this
 * JVM joins it with: a cluster name and port range of their own on 127.0.0.1
 * only, TCP-IP join (no multicast, no cloud discovery), phone-home off,
 * Hazelcast's logging through SLF4J, fast failure detection (members are on
 * one machine).
 */
final class Configs {

    static final String LOOPBACK = "127.0.0.1";
    /** How long the client waits for the cluster before it gives up. */
    static final Duration CONNECT_LIMIT = Duration.ofSeconds(30);

    private Configs() {
    }

    /**
     * @param cluster the cluster's name
     * @param port    the first port of its range
     * @param ports   how many ports the range has
     * @param pool    the executor's pool size
     * @param id      this member's number, from 1
     * @return a member's configuration
     */
    static Config member(String cluster, int port, int ports, int pool, int id) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setInstanceName(cluster + "-member-" + id);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.tcp.join.port.try.count", Integer.toString(ports));
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "2");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortCount(ports).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(LOOPBACK);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(LOOPBACK);
        config.getMemberAttributeConfig().setAttribute(Names.MEMBER_ID, Integer.toString(id));
        config.getExecutorConfig(Names.EXECUTOR).setPoolSize(pool);
        config.getDurableExecutorConfig(Names.EXECUTOR).setPoolSize(pool).setDurability(1);
        config.getMetricsConfig().setEnabled(false);
        config.getJetConfig().setEnabled(false);
        return config;
    }

    /**
     * @param cluster the cluster's name
     * @param ports   the members' ports
     * @return the configuration of this JVM's client
     */
    static ClientConfig client(String cluster, List<Integer> ports) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        config.setInstanceName(cluster + "-client");
        config.setProperty("hazelcast.logging.type", "slf4j");
        for (int port : ports) {
            config.getNetworkConfig().addAddress(LOOPBACK + ":" + port);
        }
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(CONNECT_LIMIT.toMillis());
        config.getMetricsConfig().setEnabled(false);
        return config;
    }
}
