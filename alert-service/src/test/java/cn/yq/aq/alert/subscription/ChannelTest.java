package cn.yq.aq.alert.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.yq.aq.alert.event.AlertType;
import tools.jackson.databind.json.JsonMapper;

/** A channel is the record of its kind, bound by Jackson on {@code kind}, stored and read back the same. */
class ChannelTest {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void eachKindBindsToItsRecordAndWritesItsKindBack() {
        Subscription s = json.readValue("""
                {"channels":[
                 {"kind":"webhook","url":"https://x.cn/h","secret":"0123456789abcdef"},
                 {"kind":"wecom","url":"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"},
                 {"kind":"dingtalk","id":"duty","url":"https://oapi.dingtalk.com/robot/send?access_token=t","secret":"SECx","atMobiles":["13800000001"]},
                 {"kind":"sms","phones":["13800000002"],"types":["HEAVY_POLLUTION_WARNING"],"minLevel":"orange"},
                 {"kind":"email","to":["duty@yq.example"]}]}""", Subscription.class);
        assertThat(s.channels()).extracting(Channel::kind).containsExactly("webhook", "wecom", "dingtalk", "sms", "email");
        assertThat(s.channels().get(2)).isEqualTo(new Channel.Dingtalk("duty", "https://oapi.dingtalk.com/robot/send?access_token=t",
                "SECx", List.of("13800000001"), List.of(), null));
        assertThat(((Channel.Sms) s.channels().get(3)).types()).containsExactly(AlertType.HEAVY_POLLUTION_WARNING);
        // stored and read back: the same records (the retained subscription document)
        assertThat(json.readValue(json.writeValueAsString(s), Subscription.class)).isEqualTo(s);
    }

    @Test
    void aDocumentStoredBeforeTheRecordsStillReads() {
        // the one-record shape wrote every field of every kind, nulls and empty lists included
        Subscription old = json.readValue("""
                {"channels":[{"id":"sms-1","kind":"sms","url":null,"secret":null,"phones":["13800000002"],"to":[],
                "atMobiles":[],"types":[],"minLevel":null}]}""", Subscription.class);
        assertThat(old.channels()).containsExactly(new Channel.Sms("sms-1", List.of("13800000002"), List.of(), null));
    }

    @Test
    void anUnknownKindIsRefusedAndTheViewShowsNoSecret() {
        assertThatThrownBy(() -> json.readValue("{\"kind\":\"pager\"}", Channel.class)).hasMessageContaining("pager");
        Channel hook = new Channel.Webhook("webhook-1", "https://x.cn/h", "0123456789abcdef", null, null);
        assertThat(hook.view()).containsEntry("kind", "webhook").containsEntry("secretSet", true).doesNotContainValue("0123456789abcdef");
        Channel robot = new Channel.Wecom("wecom-1", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key", null, null);
        assertThat(robot.view().toString()).doesNotContain("secret-key");
        assertThat(robot.nameZh()).isEqualTo("企业微信机器人");
    }
}
