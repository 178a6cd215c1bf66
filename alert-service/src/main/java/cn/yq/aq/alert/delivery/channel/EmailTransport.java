package cn.yq.aq.alert.delivery.channel;

import cn.yq.aq.alert.texts.ChannelTexts;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.subscription.Channel;
import cn.yq.aq.alert.system.AlertProperties;

/**
 * E-mail over SMTP (Spring's mail support, {@code spring.mail.*}; sender {@code aq.email.from}): a
 * Chinese subject and plain-text body; sent on its own two threads (SMTP blocks). Skipped while no
 * SMTP server is configured; an authentication or address failure is a rejection.
 */
@Component
class EmailTransport implements ChannelTransport<Channel.Email>, DisposableBean {

    private final ObjectProvider<JavaMailSender> mail;
    private final ScopeNames names;
    private final AlertProperties properties;
    /** The SMTP client blocks: two threads of its own. */
    private final ThreadPoolTaskExecutor mailer;

    EmailTransport(ObjectProvider<JavaMailSender> mail, ScopeNames names, AlertProperties properties,
                   ThreadPoolTaskExecutorBuilder executors) {
        this.mailer = executors.corePoolSize(2).maxPoolSize(2).threadNamePrefix("alert-mail-").build();
        this.mailer.setDaemon(true);
        this.mailer.initialize();
        this.mail = mail;
        this.names = names;
        this.properties = properties;
    }

    @Override
    public Class<Channel.Email> channelType() {
        return Channel.Email.class;
    }

    @Override
    public CompletionStage<Sent> send(String scope, Channel.Email c, Notice n) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return CompletableFuture.completedFuture(Sent.SKIPPED);
        }
        SimpleMailMessage m = new SimpleMailMessage();
        m.setFrom(properties.email().from());
        m.setTo(c.to().toArray(String[]::new));
        m.setSubject(ChannelTexts.emailSubject(n.alert()));
        m.setText(ChannelTexts.emailBody(n.alert(), names.forWhom(scope), properties.sms().sign()));
        return CompletableFuture.supplyAsync(() -> {
            try {
                sender.send(m);
                return Sent.DELIVERED;
            } catch (MailAuthenticationException | MailParseException e) {
                throw DeliveryFailure.rejected("SMTP: " + e.getClass().getSimpleName());
            } catch (MailException e) {
                throw DeliveryFailure.transientFailure("SMTP: " + e.getClass().getSimpleName());
            }
        }, mailer);
    }

    @Override
    public void destroy() {
        mailer.shutdown();
    }
}
