# Social Helpdesk Bridge: article types for the replies the bridge delivers to social platforms.
#
# Zammad counts an agent's public article as the ticket's first response (and as "last contact"
# for SLAs) only when its type has communication: true. A public note does not, so the bridge
# records what it delivered with one of these types. Their names start with neither "twitter",
# "facebook", "sms" nor "email", so Zammad never tries to send them through a channel of its own.
#
# Zammad runs this with `zammad run rake zammad:package:migrate` after the package is installed.
class SocialBridgeArticleTypes
  TYPE_NAMES = ['social public reply', 'social private message', 'social phone handoff'].freeze

  def self.up
    TYPE_NAMES.each do |name|
      Ticket::Article::Type.create_if_not_exists(
        name:          name,
        communication: true,
        updated_by_id: 1,
        created_by_id: 1,
      )
    end
  end

  def self.down
    # A type still used by articles stays: removing it would orphan them.
    TYPE_NAMES.each do |name|
      type = Ticket::Article::Type.find_by(name: name)
      next if type.nil? || Ticket::Article.exists?(type_id: type.id)

      type.destroy
    end
  end
end
