"""Backend of the sample recruitment product (strings extracted into ``messages``)."""
