/**
 * The one MQTT session implementation ({@link cn.yq.aq.support.mqtt.MqttSession}): Paho v5 with our own
 * reconnect, subscriptions made again on every connect and checked ({@link cn.yq.aq.support.mqtt.Subscriber}),
 * manual acks on the connection a message came in on, a handler thread of its own (nothing waits on
 * Paho's threads) or, for a {@code NonBlockingHandler}, Paho's callback thread itself, and publishes through a flow-controlled {@link cn.yq.aq.support.mqtt.Outbox}.
 * {@link cn.yq.aq.support.mqtt.SessionLifecycle} starts and stops it with the Spring context. Used by
 * ingest's intake, alert-service's state store, recorder and deliverer, and the simulator's publisher.
 */
package cn.yq.aq.support.mqtt;
