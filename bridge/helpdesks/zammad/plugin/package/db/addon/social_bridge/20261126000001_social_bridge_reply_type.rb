# Social Helpdesk Bridge: the article type an agent picks to answer the customer on the social platform.
#
# The bridge delivers only articles of this type (and never "note", "email", "phone", ...), so an agent's
# text reaches a customer only when the agent chose "Social reply" in the reply form. It counts as
# communication, so it is the ticket's first response for SLAs. Its name starts with neither "twitter",
# "facebook", "sms" nor "email", so Zammad never tries to send it through a channel of its own.
class SocialBridgeReplyType
  def self.up
    Ticket::Article::Type.create_if_not_exists(
      name:          'social reply',
      communication: true,
      updated_by_id: 1,
      created_by_id: 1,
    )
  end

  def self.down
    type = Ticket::Article::Type.find_by(name: 'social reply')
    return if type.nil? || Ticket::Article.exists?(type_id: type.id)

    type.destroy
  end
end
