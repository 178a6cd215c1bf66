/**
 * Every Chinese word alert-service sends to officials, in one room: the warnings' texts
 * ({@link cn.yq.aq.alert.texts.WarningTexts}), the monitors' and the failed deliveries' texts
 * ({@link cn.yq.aq.alert.texts.MonitorTexts}) and how each channel lays a notice out
 * ({@link cn.yq.aq.alert.texts.ChannelTexts}). The features decide what happened; this package words
 * it. (The names of types and levels stay with their enums, the API's problem titles with the
 * controllers.)
 */
package cn.yq.aq.alert.texts;
